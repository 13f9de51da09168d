package io.creditdesk;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CreditDeskApplication {

	public static void main(String[] args) {
		SpringApplication.run(CreditDeskApplication.class, args);
	}

	/** The service's clock: UTC, replaceable in tests. */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
