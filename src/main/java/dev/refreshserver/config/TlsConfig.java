package dev.refreshserver.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import dev.refreshserver.keys.TlsCertificate;

/** {@code refresh.tls.enabled}: the server listens with HTTPS using the PEM pair in {@code keys/}. */
@Configuration(proxyBeanMethods = false)
public class TlsConfig {

	@Bean
	TlsFromKeysDirectory tlsFromKeysDirectory(RefreshProperties properties) {
		return new TlsFromKeysDirectory(properties);
	}

	static final class TlsFromKeysDirectory
			implements WebServerFactoryCustomizer<ConfigurableWebServerFactory>, Ordered {

		private final RefreshProperties properties;

		TlsFromKeysDirectory(RefreshProperties properties) {
			this.properties = properties;
		}

		@Override
		public void customize(ConfigurableWebServerFactory factory) {
			if (!this.properties.tls().enabled()) {
				return;
			}
			Path keys = this.properties.keysDir().toAbsolutePath();
			try {
				TlsCertificate.ensure(keys);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			Ssl ssl = new Ssl();
			ssl.setEnabled(true);
			ssl.setCertificate("file:" + keys.resolve(TlsCertificate.CERTIFICATE_FILE));
			ssl.setCertificatePrivateKey("file:" + keys.resolve(TlsCertificate.PRIVATE_KEY_FILE));
			factory.setSsl(ssl);
		}

		@Override
		public int getOrder() {
			// after Boot's own server.ssl.* customizer, so an explicit server.ssl still loses to this switch
			return Ordered.LOWEST_PRECEDENCE;
		}
	}
}
