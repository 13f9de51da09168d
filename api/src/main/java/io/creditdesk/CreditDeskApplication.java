package io.creditdesk;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CreditDeskApplication {

	public static void main(String[] args) {
		SpringApplication.run(CreditDeskApplication.class, args);
	}

}
