package dev.refreshserver.profile;

import java.util.Collection;
import java.util.List;

/**
 * What a profile's token endpoint accepts beyond RFC 6749's strict form POST.
 *
 * @param tokenPaths further paths that serve the token endpoint (e.g. Pagero's)
 * @param encodings where parameters may come from: {@code form} (the body, RFC 6749),
 * {@code json} (a JSON object body, as Webex's samples send), {@code query} (the query string
 * of a POST, as Glimesh documents)
 * @param requirePost false lets GET reach the token endpoint, its parameters in the query
 * @param clientSecretInBody false means confidential clients must use the Authorization header
 * @param requireHttps plain-HTTP token requests are refused
 * @param ignoreBearerHeader an {@code Authorization: Bearer} header is not client
 * authentication and is ignored (Webex samples send one alongside the body credentials)
 */
public record RequestRules(List<String> tokenPaths, List<Encoding> encodings, Boolean requirePost,
		Boolean clientSecretInBody, Boolean requireHttps, Boolean ignoreBearerHeader) {

	/** RFC 6749 as written: form body, POST, either client authentication method. */
	public static final RequestRules STRICT = new RequestRules(null, null, null, null, null, null);

	public RequestRules {
		tokenPaths = (tokenPaths != null) ? tokenPaths : List.of();
		encodings = (encodings != null && !encodings.isEmpty()) ? encodings : List.of(Encoding.FORM);
		requirePost = (requirePost != null) ? requirePost : Boolean.TRUE;
		clientSecretInBody = (clientSecretInBody != null) ? clientSecretInBody : Boolean.TRUE;
		requireHttps = (requireHttps != null) ? requireHttps : Boolean.FALSE;
		ignoreBearerHeader = (ignoreBearerHeader != null) ? ignoreBearerHeader : Boolean.FALSE;
	}

	/**
	 * What at least one of {@code rules} accepts: every path, every encoding, GET and a secret in
	 * the body if any accepts them, HTTPS only if all require it. A request is read with these
	 * and then judged by the rules of its own client.
	 */
	public static RequestRules anyOf(Collection<RequestRules> rules) {
		return new RequestRules(rules.stream().flatMap((r) -> r.tokenPaths().stream()).distinct().toList(),
				rules.stream().flatMap((r) -> r.encodings().stream()).distinct().toList(),
				rules.stream().allMatch(RequestRules::requirePost),
				rules.stream().anyMatch(RequestRules::clientSecretInBody),
				rules.stream().allMatch(RequestRules::requireHttps),
				rules.stream().anyMatch(RequestRules::ignoreBearerHeader));
	}

	public boolean accepts(Encoding encoding) {
		return this.encodings.contains(encoding);
	}

	/** Where token request parameters may be carried. */
	public enum Encoding {

		FORM, JSON, QUERY
	}
}
