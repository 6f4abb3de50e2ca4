import { ConfigError } from '../config.js';
import { migrateDatabase } from '../db/migrate.js';
import { runService, type ListenConfig, type RunnableService } from './run-service.js';

/** The variables of a service that owns a database and may migrate it at start. */
export interface MigratingConfig {
  DATABASE_URL: string;
  MIGRATE_ON_START: boolean;
}

export interface ServiceMainOptions<C extends ListenConfig> {
  loadConfig: () => C;
  /** The service's migrations/ folder (a config with DATABASE_URL and MIGRATE_ON_START only). */
  migrations?: C extends MigratingConfig ? string : never;
  buildApp: (config: C) => Promise<RunnableService>;
}

/**
 * What a service's main.ts does: read the config, run the migrations (unless
 * MIGRATE_ON_START=false), build the app and run it. A bad environment is one clear message
 * naming the variables, not a stack trace, and exit code 1.
 */
export async function runServiceMain<C extends ListenConfig>(
  name: string,
  options: ServiceMainOptions<C>,
): Promise<void> {
  try {
    const config = options.loadConfig();
    if (options.migrations && (config as C & MigratingConfig).MIGRATE_ON_START) {
      const { DATABASE_URL } = config as C & MigratingConfig;
      await migrateDatabase(DATABASE_URL, options.migrations, `${name}-migrate`);
    }
    await runService(name, config, await options.buildApp(config));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`${name}: ${error.message}`);
    process.exit(1);
  }
}

/**
 * A service's migrate.ts: the migrations alone, as a one-shot command (a Kubernetes Job or
 * init container), which needs DATABASE_URL and nothing else.
 */
export async function runMigrationsCommand(
  name: string,
  directory: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const url = env.DATABASE_URL;
  if (!url) {
    console.error(`${name} migrate: DATABASE_URL is required`);
    process.exitCode = 1;
    return;
  }
  const applied = await migrateDatabase(url, directory, `${name}-migrate`);
  console.log(applied.length > 0 ? `${name}: applied ${applied.join(', ')}` : `${name}: schema up to date`);
}
