import { ChildProcess, spawn } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");

/** A second `siap` in demo mode (389 units, three waves of simulated answers) on its own
 * SQLite file and port, for tests that need a realistic organisation. The main test server
 * keeps its own small organisation. */
export class DemoServer {
  private child?: ChildProcess;
  private log: string[] = [];
  readonly base: string;

  constructor(private readonly port: number, private readonly name: string) {
    this.base = `http://127.0.0.1:${port}`;
  }

  async start(): Promise<void> {
    const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(ROOT, "target");
    const binary = path.join(targetDir, "release", "siap");
    const dir = path.join(ROOT, "target", "e2e", `demo-${this.name}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    this.child = spawn(binary, ["serve"], {
      env: {
        ...process.env,
        DATABASE_URL: `sqlite://${dir}/siap.db`,
        SIAP_BIND: `127.0.0.1:${this.port}`,
        SIAP_DEMO: "true",
        LEPTOS_SITE_ROOT: path.join(ROOT, "target", "site"),
        LEPTOS_OUTPUT_NAME: "siap",
        LEPTOS_SITE_ADDR: `127.0.0.1:${this.port}`,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const keep = (chunk: Buffer) => {
      this.log.push(chunk.toString());
      if (this.log.length > 200) this.log.shift();
    };
    this.child.stdout?.on("data", keep);
    this.child.stderr?.on("data", keep);
    const deadline = Date.now() + 170_000;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) break;
      try {
        const res = await fetch(`${this.base}/readyz`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`the demo server did not start:\n${this.log.join("")}`);
  }

  stop(): void {
    this.child?.kill("SIGTERM");
  }
}
