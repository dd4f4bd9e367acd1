package dev.refreshserver.web;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * Chooses the page a browser gets for an error: for a refused authorization request the page
 * that names the failed check; for everything else Spring Boot's {@code error} view, which is
 * {@code templates/error.html} in the one look (never the Whitelabel page).
 */
// before Spring Boot's own resolver, which would answer a 400 from templates/error/ first
@Order(Ordered.HIGHEST_PRECEDENCE)
@Component
public class ErrorPages implements ErrorViewResolver {

	@Override
	public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
		Object refusal = request.getAttribute(AuthorizationRefusal.ATTRIBUTE);
		if (refusal instanceof AuthorizationRefusal) {
			return new ModelAndView("authorization-refused", Map.of("refusal", refusal), status);
		}
		return null;
	}
}
