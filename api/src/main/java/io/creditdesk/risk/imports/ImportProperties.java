package io.creditdesk.risk.imports;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The history imports ({@code creditdesk.imports.*}).
 *
 * @param maxFileSize the largest file accepted (it is streamed to a temporary file, never
 * held in memory)
 */
@ConfigurationProperties("creditdesk.imports")
record ImportProperties(@DefaultValue("200MB") DataSize maxFileSize) {
}
