package bench.baseline;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.NoOpPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Stock Spring Authorization Server as configured by Spring Boot 4.1.2, plus:
 * <ul>
 * <li>{@link JdbcOAuth2AuthorizationService} on an H2 file (the documented stock JDBC store and schema);</li>
 * <li>the client secret of {@code demo-client}: with {@code baseline.encoder=bcrypt} (default) it is stored the
 * way Spring Security's default {@code DelegatingPasswordEncoder} stores it ({@code {bcrypt}...}) and checked
 * by the default encoder SAS creates; with {@code baseline.encoder=noop} a cheap encoder is used: a
 * {@code PasswordEncoder} bean (a DelegatingPasswordEncoder whose default id is {@code noop}, so SAS does not
 * "upgrade" the stored {@code {noop}} secret to bcrypt after the first request);</li>
 * <li>{@code /admin/**} (bench plumbing to mint grants) is outside Spring Security's filter chains, so Boot's
 * two default chains are untouched.</li>
 * </ul>
 */
@SpringBootApplication
public class BaselineApplication {

	static final String SECRET = "demo-secret";

	public static void main(String[] args) {
		String encoder = "bcrypt";
		for (String a : args) {
			if (a.startsWith("--baseline.encoder=")) {
				encoder = a.substring("--baseline.encoder=".length());
			}
		}
		String stored = switch (encoder) {
			case "bcrypt" -> PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(SECRET);
			case "noop" -> "{noop}" + SECRET;
			default -> throw new IllegalArgumentException("baseline.encoder must be bcrypt or noop");
		};
		System.setProperty("baseline.client-secret", stored);
		SpringApplication.run(BaselineApplication.class, args);
	}

	@Bean
	OAuth2AuthorizationService authorizationService(JdbcTemplate jdbc, RegisteredClientRepository clients) {
		return new JdbcOAuth2AuthorizationService(jdbc, clients);
	}

	@Bean
	@Conditional(NoopEncoder.class)
	PasswordEncoder cheapPasswordEncoder() {
		return new DelegatingPasswordEncoder("noop",
				Map.of("noop", NoOpPasswordEncoder.getInstance(), "bcrypt", new BCryptPasswordEncoder()));
	}

	@Bean
	WebSecurityCustomizer benchAdminOutsideSecurity() {
		return web -> web.ignoring().requestMatchers("/admin/**");
	}

	static class NoopEncoder implements Condition {
		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return "noop".equals(context.getEnvironment().getProperty("baseline.encoder"));
		}
	}
}
