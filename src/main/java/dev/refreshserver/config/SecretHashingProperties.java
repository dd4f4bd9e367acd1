package dev.refreshserver.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code refresh.secret-hashing.*}: how client secrets and dev passwords of the configuration are
 * hashed when the server starts.
 *
 * @param bcryptStrength bcrypt's cost (2^N rounds) for new hashes; hashes of any cost verify
 */
@ConfigurationProperties("refresh.secret-hashing")
public record SecretHashingProperties(int bcryptStrength) {
}
