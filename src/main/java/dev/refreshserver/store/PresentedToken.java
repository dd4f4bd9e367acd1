package dev.refreshserver.store;

/** A refresh token row read together with its family, as the refresh grant needs both. */
public record PresentedToken(RefreshTokenRecord token, TokenFamily family) {
}
