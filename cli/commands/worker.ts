// `bai-lab worker --redis URL`: consume sweep runs from BullMQ until stopped (SIGINT/SIGTERM finish the current
// runs' bookkeeping and exit). Start any number of these, on any machines that can reach Redis.
import { intFlag } from '../flags.js';
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { SweepOptionError } from '../../sim/experiments/errors.js';
import { DEFAULT_LOCK_MS, startWorker } from '../../sim/experiments/redis.js';
import { LAB_VERSION } from '../../sim/metrics/summary.js';
import type { CliIO } from '../io.js';
import type { CliCommand } from '../main.js';

interface WorkerFlags { redis?: string; threads?: string; queue?: string; lockMs?: string }

export const command: CliCommand = {
  name: 'worker',
  register(program: Command, io: CliIO) {
    program.command('worker')
      .description('run sweep jobs from a Redis queue (BullMQ) until stopped')
      .option('--redis <URL>', 'Redis URL, e.g. redis://10.0.0.5:6379')
      .option('--threads <N>', 'simulations at a time (default: the number of cores)')
      .option('--queue <name>', 'BullMQ queue name (default bai-lab-runs)')
      .option('--lock-ms <ms>', `job lock; a killed worker's run is retried after about this long (default ${DEFAULT_LOCK_MS})`)
      .action(async (flags: WorkerFlags) => {
        if (!flags.redis) throw new SweepOptionError('--redis URL is required');
        const threads = intFlag('--threads', flags.threads, 1) ?? availableParallelism();
        const lockMs = intFlag('--lock-ms', flags.lockMs, 500);
        const w = await startWorker({
          url: flags.redis, threads, labVersion: LAB_VERSION, log: (l) => io.err(`${l}\n`),
          ...(flags.queue ? { queueName: flags.queue } : {}),
          ...(lockMs !== undefined ? { lockMs } : {}),
        });
        io.err(`worker: ${threads} thread(s) on ${flags.redis}; Ctrl-C to stop\n`);
        const stop = () => void w.stop();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        await w.closed;
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      });
  },
};
