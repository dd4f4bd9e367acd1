package dev.refreshserver.web;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.stereotype.Component;

import dev.refreshserver.admin.ServerClock;
import dev.refreshserver.config.RefreshProperties;
import dev.refreshserver.refresh.RefreshPolicies;
import dev.refreshserver.web.PlaygroundHistory.RefreshToken;
import dev.refreshserver.web.PlaygroundHistory.State;

/**
 * What the playground's buttons do. Each action is a real request to this server's own
 * endpoints over loopback ({@code /admin/grants}, the token, revocation and introspection
 * endpoints); the family's timeline is derived from the answers, and introspection tells when
 * the family died. Only the clock is moved in process, through the same {@link ServerClock}
 * that {@code /admin/clock} moves.
 */
@Component
public class Playground {

	private final RefreshProperties properties;

	private final AuthorizationServerSettings settings;

	private final Loopback loopback;

	private final ServerClock clock;

	private final RefreshPolicies policies;

	private final AdminGate gate;

	public Playground(RefreshProperties properties, AuthorizationServerSettings settings, Loopback loopback,
			ServerClock clock, RefreshPolicies policies, AdminGate gate) {
		this.properties = properties;
		this.settings = settings;
		this.loopback = loopback;
		this.clock = clock;
		this.policies = policies;
		this.gate = gate;
	}

	/** The clients a grant can be minted for: those with the refresh_token grant type. */
	public List<RefreshProperties.Client> clients() {
		return this.properties.clients().stream().filter((client) -> client.grantTypes().contains("refresh_token")).toList();
	}

	public ServerClock clock() {
		return this.clock;
	}

	void mint(PlaygroundHistory history, int port, String clientId, String subject, String scope) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("client_id", clientId);
		form.put("subject", subject);
		if (scope != null && !scope.isBlank()) {
			form.put("scope", scope.trim());
		}
		Loopback.Exchange minted = this.loopback.post("Mint a grant", port, "/admin/grants", form,
				Map.of("Authorization", "Bearer " + this.gate.token()),
				Map.of("Authorization", "Bearer " + Loopback.MASK));
		history.exchange(minted);
		if (!minted.ok() || minted.field("refresh_token") == null) {
			history.event("refused", "Minting refused: " + minted.field("error"), minted.field("error_description"), true);
			return;
		}
		history.startFamily(clientId, subject, minted.field("scope"));
		history.issued(minted.field("refresh_token"));
		history.accessToken(minted.field("access_token"));
		history.event("mint", "Minted a grant: RT 1", "For " + subject + " through " + clientId + ", scope "
				+ Optional.ofNullable(minted.field("scope")).orElse("(none)") + ".", false);
	}

	void refresh(PlaygroundHistory history, int port) {
		RefreshToken newest = history.newest();
		if (newest != null) {
			present(history, port, newest, "Refresh with RT " + newest.getNumber());
		}
	}

	void replay(PlaygroundHistory history, int port, int number) {
		RefreshToken token = history.token(number);
		if (token != null) {
			present(history, port, token, "Replay RT " + number);
		}
	}

	void revoke(PlaygroundHistory history, int port) {
		RefreshToken newest = history.newest();
		RefreshProperties.Client client = client(history);
		if (newest == null || client == null) {
			return;
		}
		ClientCredentials credentials = ClientCredentials.of(client);
		Loopback.Exchange revoked = this.loopback.post("Revoke RT " + newest.getNumber(), port,
				this.settings.getTokenRevocationEndpoint(),
				credentials.with(Map.of("token", newest.getValue(), "token_type_hint", "refresh_token")),
				credentials.headers(), credentials.shownHeaders());
		history.exchange(revoked);
		if (!revoked.ok()) {
			history.event("refused", "Revocation refused: " + revoked.field("error"), revoked.field("error_description"), true);
			return;
		}
		history.event("revoke", "Revoked RT " + newest.getNumber(), "The server answered 200 (RFC 7009).", false);
		checkFamily(history, port, State.REVOKED, "Family revoked by the client");
	}

	/** Introspects the access token ({@code refresh == false}) or the newest refresh token. */
	void introspect(PlaygroundHistory history, int port, boolean refresh) {
		RefreshToken newest = history.newest();
		String token = refresh ? ((newest != null) ? newest.getValue() : null) : history.getAccessToken();
		if (token != null) {
			String name = refresh ? "RT " + newest.getNumber() : "the access token";
			Loopback.Exchange answer = introspection(history, port, token, "Introspect " + name);
			if (answer != null && answer.ok()) {
				boolean active = "true".equals(answer.field("active"));
				history.event("introspection", "Introspected " + name + ": " + (active ? "active" : "inactive"),
						active ? "Subject " + answer.field("sub") + ", scope " + answer.field("scope") + "."
								: "Revoked, expired, rotated and unknown tokens all answer active: false.", !active);
				if (refresh && !active && newest.getState() == State.ACTIVE) {
					history.setState(newest, State.INACTIVE);
				}
			}
		}
	}

	/** {@code hour}, {@code day}, {@code idle} (past the client's idle lifetime) or {@code reset}. */
	void moveClock(PlaygroundHistory history, String how) {
		Duration step = switch (how) {
			case "hour" -> Duration.ofHours(1);
			case "day" -> Duration.ofDays(1);
			case "idle" -> this.policies.forClient(history.getClientId() != null ? history.getClientId()
					: clients().get(0).clientId()).idleTtl().plusMinutes(1);
			default -> null;
		};
		if (step == null) {
			this.clock.reset();
			history.event("clock", "Clock reset to real time", "Server time " + this.clock.instant().truncatedTo(ChronoUnit.SECONDS) + ".", false);
			return;
		}
		this.clock.advance(step);
		history.event("clock", "Clock moved forward " + PolicyInWords.words(step),
				"Server time " + this.clock.instant().truncatedTo(ChronoUnit.SECONDS) + ".", false);
	}

	private void present(PlaygroundHistory history, int port, RefreshToken presented, String title) {
		RefreshProperties.Client client = client(history);
		if (client == null) {
			return;
		}
		ClientCredentials credentials = ClientCredentials.of(client);
		Loopback.Exchange answer = this.loopback.post(title, port, this.settings.getTokenEndpoint(),
				credentials.with(Map.of("grant_type", "refresh_token", "refresh_token", presented.getValue())),
				credentials.headers(), credentials.shownHeaders());
		history.exchange(answer);
		if (answer.ok()) {
			refreshed(history, presented, answer);
			return;
		}
		String error = answer.field("error");
		if (presented.getState() == State.ROTATED) {
			history.event("reuse", "Reuse detected: RT " + presented.getNumber() + " had already been rotated",
					"The server answered " + error + "; a rotated refresh token presented again revokes its whole "
							+ "family (RFC 9700 \u00a74.14.2).", true);
			checkFamily(history, port, State.REVOKED, "Family revoked after the reuse");
		}
		else {
			history.event("refused", "RT " + presented.getNumber() + " refused: " + error,
					answer.field("error_description"), true);
			checkFamily(history, port, State.INACTIVE, "Family ended: its live token is inactive (expired or revoked)");
		}
	}

	private static void refreshed(PlaygroundHistory history, RefreshToken presented, Loopback.Exchange answer) {
		history.accessToken(answer.field("access_token"));
		String next = answer.field("refresh_token");
		int number = presented.getNumber();
		if (next == null) {
			history.event("refresh", "Refreshed with RT " + number + ": no refresh token in the response",
					"The client keeps RT " + number + ".", false);
		}
		else if (next.equals(presented.getValue())) {
			history.event("refresh", "Refreshed with RT " + number + ": the same refresh token came back",
					"This client's rotation is reuse: RT " + number + " stays live and its idle lifetime starts over.",
					false);
		}
		else if (history.byValue(next) != null) {
			history.event("grace", "RT " + number + " retried within the grace window",
					"The server returned RT " + history.byValue(next).getNumber() + " again: the family did not fork.",
					false);
		}
		else {
			history.setState(presented, State.ROTATED);
			RefreshToken successor = history.issued(next);
			history.event("rotation", "Rotated RT " + number + " \u2192 RT " + successor.getNumber(),
					"RT " + number + " is dead now; RT " + successor.getNumber() + " is the family's live token.", false);
		}
	}

	/** Asks introspection whether the family's newest token still lives; records its death if not. */
	private void checkFamily(PlaygroundHistory history, int port, State death, String deathTitle) {
		RefreshToken newest = history.newest();
		if (history.isFamilyDead() || newest == null) {
			return;
		}
		Loopback.Exchange answer = introspection(history, port, newest.getValue(),
				"Introspect RT " + newest.getNumber() + " (is the family alive?)");
		if (answer != null && answer.ok() && !"true".equals(answer.field("active"))) {
			history.familyDied(death, deathTitle, "Introspection of RT " + newest.getNumber()
					+ " answers active: false; no token of this family refreshes any more.");
		}
	}

	/** Introspection needs a confidential client; a public client's tokens are asked about by one. */
	private Loopback.Exchange introspection(PlaygroundHistory history, int port, String token, String title) {
		RefreshProperties.Client own = client(history);
		Optional<RefreshProperties.Client> introspector = (own != null && ClientCredentials.confidential(own)
				&& ClientCredentials.usable(own)) ? Optional.of(own)
						: this.properties.clients().stream()
							.filter((client) -> ClientCredentials.confidential(client) && ClientCredentials.usable(client))
							.findFirst();
		if (introspector.isEmpty()) {
			history.event("refused", "No client can introspect",
					"Introspection needs a confidential client whose secret is configured in plain text.", true);
			return null;
		}
		ClientCredentials credentials = ClientCredentials.of(introspector.get());
		Loopback.Exchange answer = this.loopback.post(title, port, this.settings.getTokenIntrospectionEndpoint(),
				credentials.with(Map.of("token", token)), credentials.headers(), credentials.shownHeaders());
		history.exchange(answer);
		return answer;
	}

	private RefreshProperties.Client client(PlaygroundHistory history) {
		RefreshProperties.Client client = this.properties.clients().stream()
			.filter((candidate) -> candidate.clientId().equals(history.getClientId()))
			.findFirst()
			.orElse(null);
		if (client != null && !ClientCredentials.usable(client)) {
			history.event("refused", client.clientId() + " cannot be acted for",
					"Its secret is configured as a hash, so the playground cannot authenticate as it.", true);
			return null;
		}
		return client;
	}
}
