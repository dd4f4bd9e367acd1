package dev.refreshserver.store;

/** A family row: the grant, the state of its refresh tokens and its login, read together in one lookup. */
public record StoredFamily(TokenFamily family, RefreshState tokens, FamilyLogin login) {
}
