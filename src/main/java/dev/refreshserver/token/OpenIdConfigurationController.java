package dev.refreshserver.token;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /.well-known/openid-configuration}: the same metadata as RFC 8414's endpoint. */
@RestController
public class OpenIdConfigurationController {

	private final ServerMetadata metadata;

	public OpenIdConfigurationController(ServerMetadata metadata) {
		this.metadata = metadata;
	}

	@GetMapping("/.well-known/openid-configuration")
	public Map<String, Object> openIdConfiguration() {
		return this.metadata.claims();
	}
}
