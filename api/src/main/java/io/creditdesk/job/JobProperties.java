package io.creditdesk.job;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How jobs run ({@code creditdesk.jobs.*}).
 *
 * @param workers jobs one instance runs at the same time
 * @param lease how long a claim holds without a heartbeat; after it another instance
 * fails the job
 * @param heartbeat how often a running job's lease is renewed (well below the lease)
 * @param pollInterval how often an instance looks for queued jobs and expired leases
 */
@ConfigurationProperties("creditdesk.jobs")
public record JobProperties(@DefaultValue("2") int workers, @DefaultValue("60s") Duration lease,
		@DefaultValue("10s") Duration heartbeat, @DefaultValue("1s") Duration pollInterval) {

	public JobProperties {
		if (workers < 1) {
			throw new IllegalArgumentException("creditdesk.jobs.workers must be at least 1, was " + workers);
		}
		if (heartbeat.compareTo(lease) >= 0) {
			throw new IllegalArgumentException("creditdesk.jobs.heartbeat (" + heartbeat
					+ ") must be shorter than creditdesk.jobs.lease (" + lease + ")");
		}
	}

}
