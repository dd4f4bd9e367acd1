package dev.refreshserver;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import dev.refreshserver.client.SecretHashCommand;

/** Refresh Server: an OAuth 2.0 authorization server centred on the refresh_token grant. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RefreshServerApplication {

	public static void main(String[] args) throws java.io.IOException {
		if (args.length > 0 && SecretHashCommand.NAME.equals(args[0])) {
			System.exit(SecretHashCommand.run(args, System.in, System.out, System.err));
		}
		SpringApplication.run(RefreshServerApplication.class, args);
	}
}
