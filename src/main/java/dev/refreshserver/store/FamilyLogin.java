package dev.refreshserver.store;

import java.time.Instant;

/**
 * The login behind a family, as its ID tokens and userinfo describe it; stored in the family's
 * row ({@code auth_time}, {@code login_claims}) and read with it.
 *
 * @param authTime when the user logged in
 * @param claims the claims a dev-mode login as anyone brought, as a JSON object, or null
 */
public record FamilyLogin(Instant authTime, String claims) {
}
