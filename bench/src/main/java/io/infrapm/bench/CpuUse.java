package io.infrapm.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time spent between two moments: by each of the platform's processes and by the
 * whole machine, so that a rate that does not go higher can be told apart as bound by CPU
 * or by waiting.
 *
 * @param processMillis CPU milliseconds used so far by each process, by name
 * @param machineBusyMillis busy CPU milliseconds of the machine so far, over all cores
 * @param machineTotalMillis all CPU milliseconds of the machine so far, over all cores
 */
record CpuUse(Map<String, Long> processMillis, long machineBusyMillis, long machineTotalMillis) {

	/**
	 * The CPU time used so far.
	 * @param processes the processes to follow, by name
	 * @return the sample
	 */
	static CpuUse now(Map<String, Long> processes) {
		Map<String, Long> millis = new LinkedHashMap<>();
		processes.forEach((name, pid) -> millis.put(name, ProcFs.cpuMillis(pid)));
		long[] machine = ProcFs.machineCpuMillis();
		return new CpuUse(millis, machine[0], machine[1]);
	}

	/**
	 * What was spent since an earlier sample, per command.
	 * @param earlier the sample taken at the start
	 * @param commands the commands sent in between (their effects all arrived)
	 * @return the machine's busy share and cores in use, each process's CPU milliseconds
	 * per command, and their sum
	 */
	Map<String, Object> since(CpuUse earlier, int commands) {
		Map<String, Object> figures = new LinkedHashMap<>();
		long total = this.machineTotalMillis - earlier.machineTotalMillis;
		long busy = this.machineBusyMillis - earlier.machineBusyMillis;
		int cores = Runtime.getRuntime().availableProcessors();
		if (total > 0) {
			figures.put("machineBusyShare", Rounding.two(busy / (double) total));
			figures.put("coresBusy", Rounding.two(cores * busy / (double) total));
		}
		if (commands > 0) {
			Map<String, Object> perCommand = new LinkedHashMap<>();
			long sum = 0;
			for (Map.Entry<String, Long> process : this.processMillis.entrySet()) {
				Long before = earlier.processMillis.get(process.getKey());
				if (process.getValue() >= 0 && before != null && before >= 0) {
					long spent = process.getValue() - before;
					sum += spent;
					perCommand.put(process.getKey(), Rounding.two(spent / (double) commands));
				}
			}
			if (!perCommand.isEmpty()) {
				figures.put("cpuMsPerCommand", perCommand);
				figures.put("cpuMsPerCommandTotal", Rounding.two(sum / (double) commands));
			}
			figures.put("machineCpuMsPerCommand", Rounding.two(busy / (double) commands));
		}
		return figures;
	}

}
