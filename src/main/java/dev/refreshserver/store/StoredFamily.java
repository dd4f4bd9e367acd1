package dev.refreshserver.store;

/** A family row: the grant and the state of its refresh tokens, read together in one lookup. */
public record StoredFamily(TokenFamily family, RefreshState tokens) {
}
