package io.infrapm.platform.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses a request whose {@code Content-Type} is a wildcard ({@code *}/{@code *},
 * {@code application/*}, {@code application/*+json}) with 415. Spring MVC asserts against
 * such a type only when it reads the body, with an {@code IllegalArgumentException} that
 * would otherwise end as a 500; thrown here, the refusal goes through
 * {@link ProblemDetailsAdvice} like any other.
 */
class WildcardContentTypeGuard implements HandlerInterceptor {

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws HttpMediaTypeNotSupportedException {
		String header = request.getContentType();
		if (header == null) {
			return true;
		}
		MediaType type;
		try {
			type = MediaType.parseMediaType(header);
		}
		catch (InvalidMediaTypeException ex) {
			// Spring MVC answers an unparsable type with 415 by itself.
			return true;
		}
		if (type.isWildcardType() || type.isWildcardSubtype()) {
			throw new HttpMediaTypeNotSupportedException(type, List.of(MediaType.APPLICATION_JSON),
					HttpMethod.valueOf(request.getMethod()));
		}
		return true;
	}

}
