package dev.refreshserver;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.refreshserver.refresh.RefreshTokens;
import dev.refreshserver.support.Browser;
import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.ServerHttp;
import dev.refreshserver.support.ServerTest;

import static dev.refreshserver.support.ServerHttp.form;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login session of the authorization endpoint is kept in the database (so another instance can
 * serve the next step), and the token, introspection and revocation endpoints stay stateless: no
 * session, no cookie, no session row.
 */
class LoginSessionTest extends ServerTest {

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void loggedInUserIsKeptInTheDatabase() throws Exception {
		Browser.authorize(this.http, "demo-public", "read", RefreshTokens.generate());

		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM SPRING_SESSION WHERE PRINCIPAL_NAME = 'alice'",
				Integer.class)).isPositive();
	}

	@Test
	void tokenIntrospectionAndRevocationEndpointsCreateNoSession() {
		String token = this.http.mintRefreshToken("demo-client", "read");
		int sessions = sessions();

		HttpResponseView refreshed = this.http.refresh(token);
		HttpResponseView failed = this.http.refresh(token);
		HttpResponseView clientCredentials = this.http.postForm("/oauth2/token",
				form("grant_type", "client_credentials"), "Authorization",
				ServerHttp.basic("machine-client", "machine-secret"));

		HttpResponseView introspection = this.http.introspect(refreshed.field("refresh_token"));
		HttpResponseView revocation = this.http.postForm("/oauth2/revoke", form("token", refreshed.field("refresh_token")),
				"Authorization", ServerHttp.basic("demo-client", "demo-secret"));

		assertThat(refreshed.status()).isEqualTo(200);
		assertThat(failed.status()).isEqualTo(400);
		assertThat(clientCredentials.status()).isEqualTo(200);
		assertThat(introspection.status()).isEqualTo(200);
		assertThat(revocation.status()).isEqualTo(200);
		for (HttpResponseView response : List.of(refreshed, failed, clientCredentials, introspection, revocation)) {
			assertThat(response.header("Set-Cookie")).as(response.toString()).isNull();
		}
		assertThat(sessions()).isEqualTo(sessions);
	}

	private int sessions() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM SPRING_SESSION", Integer.class);
	}
}
