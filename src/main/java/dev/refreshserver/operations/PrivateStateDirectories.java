package dev.refreshserver.operations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Creates {@code refresh.data-dir} and {@code refresh.keys-dir} as 0700 before H2 (when the store is
 * an H2 file) or the key loader writes a file into them (registered in {@code META-INF/spring.factories}, so it runs
 * before any bean exists). A directory that already exists is made 0700 too.
 */
public class PrivateStateDirectories implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		ConfigurableEnvironment environment = event.getEnvironment();
		for (String property : new String[] { "refresh.data-dir", "refresh.keys-dir" }) {
			String directory = environment.getProperty(property);
			if (directory == null || directory.isBlank()
					|| (property.equals("refresh.data-dir") && !usesH2Files(environment))) {
				continue;
			}
			try {
				OwnerOnlyFiles.directory(Path.of(directory));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot create " + property + " " + directory, ex);
			}
		}
	}

	private static boolean usesH2Files(ConfigurableEnvironment environment) {
		String url = environment.getProperty("spring.datasource.url", "");
		return url.startsWith("jdbc:h2:file:") || url.isEmpty();
	}
}
