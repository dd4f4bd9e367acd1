package dev.refreshserver.client;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The client id an audit line may carry for a failed request: a registered client's id, else
 * {@code unknown}. What a stranger typed is never written to the log: it could be a secret
 * pasted into the wrong field, or text crafted to forge log lines.
 */
final class AuditedClientId {

	private AuditedClientId() {
	}

	static String of(PresentedClient presented, RegisteredClientRepository clients) {
		return (presented != null && clients.findByClientId(presented.clientId()) != null) ? presented.clientId()
				: "unknown";
	}
}
