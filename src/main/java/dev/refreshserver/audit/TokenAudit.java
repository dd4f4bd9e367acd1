package dev.refreshserver.audit;

import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

import org.springframework.stereotype.Component;

/**
 * The audit trail of token events: one structured log line each (logger
 * {@code dev.refreshserver.audit}, {@code event=... client_id=...}, with the same pairs as
 * key-value pairs for structured log formats) and a Micrometer counter
 * {@code refresh.token.events{event=...}}. Never a token, code or secret: only ids.
 */
@Component
public class TokenAudit {

	private static final Logger logger = LoggerFactory.getLogger("dev.refreshserver.audit");

	private final Map<TokenEvent, Counter> counters = new EnumMap<>(TokenEvent.class);

	public TokenAudit(MeterRegistry registry) {
		for (TokenEvent event : TokenEvent.values()) {
			this.counters.put(event, Counter.builder("refresh.token.events")
				.description("Token events: grants issued, refreshes, reuse, revocations, client authentication failures")
				.tag("event", event.id())
				.register(registry));
		}
	}

	/**
	 * Records one event.
	 * @param details name, value pairs (ids and reasons only, never a credential)
	 */
	public void record(TokenEvent event, String clientId, String... details) {
		this.counters.get(event).increment();
		Level level = switch (event) {
			case GRANT_ISSUED, REFRESHED -> Level.INFO;
			default -> Level.WARN;
		};
		if (!logger.isEnabledForLevel(level)) {
			return;
		}
		StringBuilder line = new StringBuilder("event=").append(event.id()).append(" client_id=").append(clientId);
		LoggingEventBuilder entry = logger.atLevel(level)
			.addKeyValue("event", event.id())
			.addKeyValue("client_id", clientId);
		for (int i = 0; i + 1 < details.length; i += 2) {
			line.append(' ').append(details[i]).append('=').append(details[i + 1]);
			entry = entry.addKeyValue(details[i], details[i + 1]);
		}
		entry.log(line.toString());
	}
}
