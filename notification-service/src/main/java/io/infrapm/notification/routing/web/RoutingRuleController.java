package io.infrapm.notification.routing.web;

import java.time.Instant;
import java.util.List;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.notification.Channel;
import io.infrapm.notification.delivery.Severity;
import io.infrapm.notification.routing.Audience;
import io.infrapm.notification.routing.Condition;
import io.infrapm.notification.routing.RoutingRule;
import io.infrapm.notification.routing.RoutingRules;
import io.infrapm.platform.security.Caller;
import io.infrapm.platform.web.Created;
import io.infrapm.platform.web.ETags;
import io.infrapm.platform.web.PageView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/routing-rules}: which events reach whom, how urgently, on which channels.
 * Everybody reads them, to see why they were told; a portfolio manager adds, replaces
 * (under {@code If-Match}) and deletes them. Built-in rules can be changed or disabled,
 * not deleted.
 */
@RestController
class RoutingRuleController {

	private final RoutingRules rules;

	RoutingRuleController(RoutingRules rules) {
		this.rules = rules;
	}

	/** Every rule, by id. */
	@GetMapping("/api/routing-rules")
	PageView<RuleView> rules(@RequestParam(defaultValue = "0") @PositiveOrZero int page,
			@RequestParam(defaultValue = PageView.DEFAULT_SIZE) @Min(1) @Max(PageView.MAX_SIZE) int size,
			Caller caller) {
		return PageView.of(this.rules.page(page, size), RuleView::of);
	}

	/** {@code POST /api/routing-rules}: 201 with {@code Location}; once per key. */
	@PostMapping("/api/routing-rules")
	ResponseEntity<RuleView> add(@Valid @RequestBody RuleBody body,
			@RequestHeader(name = "Idempotency-Key", required = false) @Size(min = 1, max = 200) String idempotencyKey,
			Caller caller) {
		RoutingRules.Added added = this.rules.add(body.toSpec(), idempotencyKey, caller);
		return Created.at("/api/routing-rules/" + added.rule().id(), added.rule().version(), added.replayed())
			.body(RuleView.of(added.rule()));
	}

	@GetMapping("/api/routing-rules/{ruleId}")
	ResponseEntity<RuleView> rule(@PathVariable @Size(max = 64) String ruleId, Caller caller) {
		RoutingRule rule = this.rules.get(ruleId);
		return ResponseEntity.ok().eTag(ETags.of(rule.version())).body(RuleView.of(rule));
	}

	/** Replaces what the rule says, under the ETag last read. */
	@PutMapping("/api/routing-rules/{ruleId}")
	ResponseEntity<RuleView> replace(@PathVariable @Size(max = 64) String ruleId, @Valid @RequestBody RuleBody body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, Caller caller) {
		RoutingRule rule = this.rules.replace(ruleId, ifMatch, body.toSpec(), caller);
		return ResponseEntity.ok().eTag(ETags.of(rule.version())).body(RuleView.of(rule));
	}

	/** Deletes a rule that is not built in, under the ETag last read: 204. */
	@DeleteMapping("/api/routing-rules/{ruleId}")
	ResponseEntity<Void> delete(@PathVariable @Size(max = 64) String ruleId,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, Caller caller) {
		this.rules.delete(ruleId, ifMatch, caller);
		return ResponseEntity.noContent().build();
	}

	/**
	 * A rule as it is written.
	 *
	 * @param name a short name
	 * @param description what it is for
	 * @param eventTypes logical event names ({@code MilestoneMissed}) or a source's
	 * wildcard ({@code project.*}, {@code risk.*}, {@code budget.*})
	 * @param conditions tests on the event's data, all of which must hold
	 * @param severity {@code INFO}, {@code WARNING} or {@code CRITICAL}
	 * @param audience whom it addresses on the event's project
	 * @param channels {@code EMAIL}, {@code IN_APP}
	 * @param enabled whether it applies; {@code true} if absent
	 * @param requiresAcknowledgement whether its notifications (which must then be
	 * {@code CRITICAL}) climb the escalation ladder until someone acknowledges them;
	 * {@code false} if absent
	 * @param digest whether its e-mails wait for each recipient's digest (a critical one
	 * never does); {@code false} if absent
	 */
	record RuleBody(@NotBlank @Size(max = 200) String name, @Size(max = 2000) String description,
			@NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 100) String> eventTypes,
			@Size(max = 20) List<@Valid @NotNull ConditionBody> conditions, @NotNull Severity severity,
			@NotEmpty List<@NotNull Audience> audience, @NotEmpty List<@NotNull Channel> channels, Boolean enabled,
			Boolean requiresAcknowledgement, Boolean digest) {

		RoutingRule.Spec toSpec() {
			return new RoutingRule.Spec(this.name.strip(), this.description, List.copyOf(this.eventTypes),
					(this.conditions != null) ? this.conditions.stream().map(ConditionBody::toCondition).toList()
							: List.of(),
					this.severity, this.audience.stream().distinct().toList(),
					this.channels.stream().distinct().toList(), this.enabled == null || this.enabled,
					Boolean.TRUE.equals(this.requiresAcknowledgement), Boolean.TRUE.equals(this.digest));
		}

	}

	/**
	 * A test on one field of the event's data.
	 *
	 * @param field the field, dotted for nested ones
	 * @param operator {@code EQUALS}, {@code NOT_EQUALS}, {@code IN}, {@code AT_LEAST},
	 * {@code AT_MOST}
	 * @param value what it is compared with
	 */
	record ConditionBody(@NotBlank @Size(max = 100) String field, @NotNull Condition.Operator operator,
			@NotNull @Size(max = 500) String value) {

		Condition toCondition() {
			return new Condition(this.field.strip(), this.operator, this.value);
		}

	}

	/**
	 * A rule.
	 *
	 * @param id its id
	 * @param name its name
	 * @param description what it is for, or {@code null}
	 * @param eventTypes the events it matches
	 * @param conditions the tests on their data
	 * @param severity how urgent its notifications are
	 * @param audience whom it addresses
	 * @param channels on which channels
	 * @param enabled whether it applies
	 * @param requiresAcknowledgement whether its notifications climb the escalation
	 * ladder until acknowledged
	 * @param digest whether its e-mails wait for each recipient's digest
	 * @param builtIn whether it is one of the defaults (which cannot be deleted)
	 * @param version its version ({@code ETag})
	 * @param createdAt when it was added
	 * @param createdBy who added it
	 * @param updatedAt when it last changed
	 * @param updatedBy who changed it
	 */
	record RuleView(String id, String name, String description, List<String> eventTypes, List<Condition> conditions,
			Severity severity, List<Audience> audience, List<Channel> channels, boolean enabled,
			boolean requiresAcknowledgement, boolean digest, boolean builtIn, long version, Instant createdAt,
			Actor createdBy, Instant updatedAt, Actor updatedBy) {

		static RuleView of(RoutingRule rule) {
			RoutingRule.Spec spec = rule.spec();
			return new RuleView(rule.id(), spec.name(), spec.description(), spec.eventTypes(), spec.conditions(),
					spec.severity(), spec.audience(), spec.channels(), spec.enabled(), spec.requiresAcknowledgement(),
					spec.digest(), rule.builtIn(), rule.version(), rule.createdAt(), rule.createdBy(), rule.updatedAt(),
					rule.updatedBy());
		}

	}

}
