package dev.refreshserver.config;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import dev.refreshserver.RefreshServerApplication;

/**
 * Where Refresh Server reads its configuration: the defaults shipped in the jar
 * ({@code config/application.yml}, packaged as {@code dev/refreshserver/application.yml}), then
 * {@code ./application.yml}, {@code ./config/application.yml} and {@code ./config/}*{@code /} of
 * the working directory, each overriding the one before, as Spring Boot's own defaults would.
 *
 * <p>The defaults are not a root {@code application.yml} because the jar is also a library
 * (dev.refreshserver.testing): on a client project's classpath a root one would configure the
 * client's own Spring Boot application. Registered in {@code META-INF/spring.factories}, so it
 * runs for every Spring Boot application on the classpath, and acts only for ours, only when
 * {@code spring.config.location} is not given (then that alone is read, as in Spring Boot).
 */
public class ServerConfigLocations implements EnvironmentPostProcessor, Ordered {

	/** The packaged defaults. */
	public static final String DEFAULTS = "classpath:/dev/refreshserver/application.yml";

	static final String LOCATIONS = DEFAULTS + ",optional:file:./,optional:file:./config/,optional:file:./config/*/";

	private static final String LOCATION_PROPERTY = "spring.config.location";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (application.getAllSources().contains(RefreshServerApplication.class)
				&& !environment.containsProperty(LOCATION_PROPERTY)) {
			environment.getPropertySources()
				.addLast(new MapPropertySource("refreshServerConfigLocations", Map.of(LOCATION_PROPERTY, LOCATIONS)));
		}
	}

	/** Before Spring Boot's config data processor reads the locations. */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 5;
	}
}
