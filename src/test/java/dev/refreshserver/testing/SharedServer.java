package dev.refreshserver.testing;

import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one configuration SharedServerFirstTest and SharedServerSecondTest both build, and the
 * issuers each of them met: more than one means the two classes got two servers.
 */
final class SharedServer {

	static final Set<URI> ISSUERS_SEEN = ConcurrentHashMap.newKeySet();

	private SharedServer() {
	}

	static RefreshServerExtension.Builder builder() {
		return RefreshServerExtension.builder().client("shared-app", "shared-secret", "read", "write");
	}
}
