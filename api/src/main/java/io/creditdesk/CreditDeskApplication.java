package io.creditdesk;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class CreditDeskApplication {

	public static void main(String[] args) {
		StopSignals.install();
		SpringApplication.run(CreditDeskApplication.class, args);
	}

	/** The service's clock: UTC, replaceable in tests. */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
