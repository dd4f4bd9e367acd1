package dev.refreshserver;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Refresh Server: an OAuth 2.0 authorization server centred on the refresh_token grant. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RefreshServerApplication {

	public static void main(String[] args) {
		SpringApplication.run(RefreshServerApplication.class, args);
	}
}
