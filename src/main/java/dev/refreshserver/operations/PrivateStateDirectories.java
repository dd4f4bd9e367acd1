package dev.refreshserver.operations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Creates {@code refresh.data-dir} (when the store is an H2 file) and {@code refresh.keys-dir}
 * as 0700 before H2 or the key loader writes a file into them: as a bean-factory post-processor
 * it runs before any other bean exists. A directory that already exists is made 0700 too.
 */
@Component
public class PrivateStateDirectories implements BeanFactoryPostProcessor, EnvironmentAware {

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		for (String property : new String[] { "refresh.data-dir", "refresh.keys-dir" }) {
			String directory = this.environment.getProperty(property);
			if (directory == null || directory.isBlank()
					|| (property.equals("refresh.data-dir") && !usesH2Files(this.environment))) {
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

	private static boolean usesH2Files(Environment environment) {
		String url = environment.getProperty("spring.datasource.url", "");
		return url.startsWith("jdbc:h2:file:") || url.isEmpty();
	}
}
