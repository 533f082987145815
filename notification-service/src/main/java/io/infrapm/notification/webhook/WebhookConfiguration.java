package io.infrapm.notification.webhook;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The guard and the sender every webhook goes through.
 */
@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

	@Bean
	AddressGuard webhookAddressGuard(WebhookSettings settings) {
		return new AddressGuard(settings);
	}

	@Bean(destroyMethod = "close")
	WebhookSender webhookSender(WebhookSettings settings, AddressGuard guard) {
		return new WebhookSender(settings, guard);
	}

}
