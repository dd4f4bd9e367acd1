package dev.refreshserver.store;

import java.io.Serializable;

/**
 * The claims one login brought with it (a dev-mode login as anyone), as a JSON object: the
 * details of that login's {@code Authentication}, kept in the login session and then with the
 * code and the family, for their ID tokens and userinfo.
 */
public record LoginClaims(String json) implements Serializable {
}
