package io.creditdesk.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * CPU time of this process's Java threads, grouped by what they do (their names without
 * numbers): where a phase's CPU went, as opposed to the process total. What no Java
 * thread accounts for (garbage collection, the JIT compiler) is reported as the rest.
 */
final class ThreadCpu {

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private final Map<Long, Long> cpuById = new HashMap<>();

	private final Map<Long, String> nameById = new HashMap<>();

	private final long processCpu;

	private final long gcCount;

	private final long gcMillis;

	private final long jitMillis;

	private ThreadCpu(long processCpu) {
		this.processCpu = processCpu;
		long count = 0;
		long millis = 0;
		for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
			count += Math.max(0, gc.getCollectionCount());
			millis += Math.max(0, gc.getCollectionTime());
		}
		this.gcCount = count;
		this.gcMillis = millis;
		CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
		this.jitMillis = (jit != null && jit.isCompilationTimeMonitoringSupported()) ? jit.getTotalCompilationTime()
				: 0;
	}

	static ThreadCpu now(long processCpu) {
		ThreadCpu snapshot = new ThreadCpu(processCpu);
		for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
			if (info == null) {
				continue;
			}
			long cpu = THREADS.getThreadCpuTime(info.getThreadId());
			if (cpu >= 0) {
				snapshot.cpuById.put(info.getThreadId(), cpu);
				snapshot.nameById.put(info.getThreadId(), info.getThreadName());
			}
		}
		return snapshot;
	}

	/**
	 * CPU microseconds per call by thread group between {@code before} and this snapshot,
	 * largest first, with the rest (threads that ended meanwhile, GC, JIT) last.
	 */
	Map<String, Double> since(ThreadCpu before, long calls) {
		Map<String, Long> byGroup = new TreeMap<>();
		long threads = 0;
		for (Map.Entry<Long, Long> e : this.cpuById.entrySet()) {
			long delta = e.getValue() - before.cpuById.getOrDefault(e.getKey(), 0L);
			if (delta > 0) {
				byGroup.merge(group(this.nameById.get(e.getKey())), delta, Long::sum);
				threads += delta;
			}
		}
		Map<String, Double> perCall = byGroup.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue() / 1e3 / calls, (a, b) -> a,
					LinkedHashMap::new));
		perCall.put(String.format(Locale.ROOT,
				"(rest: GC, JIT, ended threads; %d collections in %d ms of pauses, %d ms compiling)",
				this.gcCount - before.gcCount, this.gcMillis - before.gcMillis, this.jitMillis - before.jitMillis),
				(this.processCpu - before.processCpu - threads) / 1e3 / calls);
		return perCall;
	}

	static String format(Map<String, Double> perCall, double atLeast) {
		StringBuilder b = new StringBuilder();
		double small = 0;
		for (Map.Entry<String, Double> e : perCall.entrySet()) {
			if (e.getValue() >= atLeast || e.getKey().startsWith("(rest")) {
				b.append(String.format(Locale.ROOT, "    %8.0f us  %s%n", e.getValue(), e.getKey()));
			}
			else {
				small += e.getValue();
			}
		}
		b.append(String.format(Locale.ROOT, "    %8.0f us  (smaller groups)%n", small));
		return b.toString();
	}

	/** A thread's name without its numbers: the pool or role it belongs to. */
	static String group(String name) {
		return name.replaceAll("[0-9]+", "#");
	}

}
