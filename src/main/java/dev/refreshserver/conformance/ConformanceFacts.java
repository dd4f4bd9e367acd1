package dev.refreshserver.conformance;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a client's requests show without being graded.
 * @param authMethods the client authentication methods it used, most used first
 * ({@code client_secret_basic}, {@code client_secret_post}, {@code none})
 * @param basicEncoding how it encodes Basic credentials, or null when it never sent any
 * @param medianRefreshLeadSeconds how long before its access token's expiry it typically
 * refreshes (server clock; negative: after expiry), or null when no refresh could be measured
 */
public record ConformanceFacts(List<String> authMethods, String basicEncoding, Long medianRefreshLeadSeconds) {

	public ConformanceFacts {
		authMethods = List.copyOf(authMethods);
	}

	static ConformanceFacts of(ClientTraffic traffic) {
		Map<String, Long> methods = traffic.tokenRequests()
			.stream()
			.filter((request) -> request.authMethod() != null)
			.collect(Collectors.groupingBy(Observation::authMethod, Collectors.counting()));
		List<String> byUse = methods.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
			.map(Map.Entry::getKey)
			.toList();
		return new ConformanceFacts(byUse, basicEncoding(traffic), medianLead(traffic));
	}

	private static String basicEncoding(ClientTraffic traffic) {
		Set<BasicEncoding> seen = traffic.tokenRequests()
			.stream()
			.map(Observation::basicEncoding)
			.filter(Objects::nonNull)
			.collect(Collectors.toCollection(() -> EnumSet.noneOf(BasicEncoding.class)));
		seen.remove(BasicEncoding.INDISTINGUISHABLE);
		if (seen.size() > 1) {
			return "both: some requests " + BasicEncoding.FORM_ENCODED.description() + ", others "
					+ BasicEncoding.RAW.description();
		}
		if (seen.size() == 1) {
			return seen.iterator().next().description();
		}
		boolean anyBasic = traffic.tokenRequests().stream().anyMatch((request) -> request.basicEncoding() != null);
		return anyBasic ? BasicEncoding.INDISTINGUISHABLE.description() : null;
	}

	private static Long medianLead(ClientTraffic traffic) {
		List<Long> leads = traffic.timedRefreshes()
			.stream()
			.map((timed) -> Math.round(timed.lead().toMillis() / 1000.0))
			.sorted()
			.toList();
		if (leads.isEmpty()) {
			return null;
		}
		int middle = leads.size() / 2;
		return (leads.size() % 2 == 1) ? leads.get(middle) : (leads.get(middle - 1) + leads.get(middle)) / 2;
	}

	Map<String, Object> toJson() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("auth_method", this.authMethods.isEmpty() ? null : String.join(", ", this.authMethods));
		json.put("basic_encoding", this.basicEncoding);
		json.put("median_refresh_lead_seconds", this.medianRefreshLeadSeconds);
		return json;
	}
}
