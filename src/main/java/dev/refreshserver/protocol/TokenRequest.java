package dev.refreshserver.protocol;

import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * A token request that arrived in a shape a profile accepts (a JSON body, parameters in the
 * query string, a GET, a path alias) presented to Spring Authorization Server as the RFC 6749
 * form POST to the canonical endpoint it understands.
 */
class TokenRequest extends HttpServletRequestWrapper {

	private final Map<String, String[]> parameters;

	private final String path;

	private final boolean hideAuthorization;

	TokenRequest(HttpServletRequest request, Map<String, String[]> parameters, String path,
			boolean hideAuthorization) {
		super(request);
		this.parameters = Collections.unmodifiableMap(parameters);
		this.path = path;
		this.hideAuthorization = hideAuthorization;
	}

	@Override
	public String getMethod() {
		return HttpMethod.POST.name();
	}

	@Override
	public String getContentType() {
		return MediaType.APPLICATION_FORM_URLENCODED_VALUE;
	}

	@Override
	public String getQueryString() {
		return null;
	}

	@Override
	public String getRequestURI() {
		return getContextPath() + this.path;
	}

	@Override
	public StringBuffer getRequestURL() {
		StringBuffer url = new StringBuffer(super.getRequestURL());
		url.setLength(url.length() - super.getRequestURI().length());
		return url.append(getRequestURI());
	}

	@Override
	public String getServletPath() {
		return this.path;
	}

	@Override
	public String getPathInfo() {
		return null;
	}

	@Override
	public String getParameter(String name) {
		String[] values = this.parameters.get(name);
		return (values != null) ? values[0] : null;
	}

	@Override
	public Map<String, String[]> getParameterMap() {
		return this.parameters;
	}

	@Override
	public Enumeration<String> getParameterNames() {
		return Collections.enumeration(this.parameters.keySet());
	}

	@Override
	public String[] getParameterValues(String name) {
		return this.parameters.get(name);
	}

	@Override
	public String getHeader(String name) {
		return hidden(name) ? null : super.getHeader(name);
	}

	@Override
	public Enumeration<String> getHeaders(String name) {
		return hidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
	}

	@Override
	public Enumeration<String> getHeaderNames() {
		if (!this.hideAuthorization) {
			return super.getHeaderNames();
		}
		return Collections.enumeration(
				Collections.list(super.getHeaderNames()).stream().filter((name) -> !hidden(name)).toList());
	}

	private boolean hidden(String name) {
		return this.hideAuthorization && HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name);
	}
}
