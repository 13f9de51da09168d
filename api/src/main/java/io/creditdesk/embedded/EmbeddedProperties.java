package io.creditdesk.embedded;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded servers used when no external MongoDB or Kafka is configured.
 *
 * @param dataDir where the embedded MongoDB store and the Kafka log live
 * @param inMemory keep the MongoDB store in memory (tests); the Kafka log still goes to
 * dataDir
 * @param mongoPort first port tried for the MongoDB server (the next free one is used if
 * taken; 0 picks any free port)
 * @param kafkaPort first port tried for the Kafka broker listener (0 picks any free port)
 * @param database the database name used on the embedded server
 * @param cacheSizeMb the embedded MongoDB store's page cache (H2 MVStore) in MiB: pages
 * beyond it are read back from the file and deserialized again. H2's own default (16 MiB)
 * is too small for a few hundred thousand documents and made page reads about a tenth of
 * the store's CPU.
 */
@ConfigurationProperties("creditdesk.embedded")
public record EmbeddedProperties(@DefaultValue("./data") Path dataDir, @DefaultValue("false") boolean inMemory,
		@DefaultValue("27017") int mongoPort, @DefaultValue("9092") int kafkaPort,
		@DefaultValue("creditdesk") String database, @DefaultValue("256") int cacheSizeMb) {
}
