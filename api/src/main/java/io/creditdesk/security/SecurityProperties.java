package io.creditdesk.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param mode {@code demo}: HTTP Basic users named after the roles with password
 * {@code demo}; {@code jwt}: OAuth2 resource server, demo users disabled
 * @param rolesClaim the JWT claim holding the caller's roles (a list or a space-separated
 * string)
 * @param demoPassword the password of the demo users
 */
@ConfigurationProperties("creditdesk.security")
public record SecurityProperties(@DefaultValue("demo") String mode, @DefaultValue("roles") String rolesClaim,
		@DefaultValue("demo") String demoPassword) {

	public boolean jwt() {
		return "jwt".equalsIgnoreCase(this.mode);
	}

}
