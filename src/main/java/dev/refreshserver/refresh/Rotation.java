package dev.refreshserver.refresh;

/** What a successful refresh does with the presented refresh token. */
public enum Rotation {

	/** Single use: a new refresh token is returned and the presented one is dead. */
	ROTATE,

	/** The same refresh token is returned; its idle expiry slides. */
	REUSE
}
