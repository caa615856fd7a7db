// Drives `scan-triage mcp` with the official MCP TypeScript SDK client, for McpClientTest.
// Usage: node client.mjs '<json: {command, args, findings: [files], bad: file}>'
// Prints one JSON object with what the server answered.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const plan = JSON.parse(process.argv[2]);
const transport = new StdioClientTransport({
  command: plan.command,
  args: plan.args,
  stderr: "pipe",
});
let serverErr = "";
transport.stderr?.on("data", (chunk) => (serverErr += chunk));

const client = new Client({ name: "scan-triage-test", version: "1.0.0" });
await client.connect(transport);

const structured = (result) => ({
  isError: result.isError === true,
  structured: result.structuredContent ?? null,
  text: result.content?.map((c) => c.text).join("\n") ?? "",
});

const out = { server: client.getServerVersion(), tools: [], classified: {}, explained: null };
out.tools = (await client.listTools()).tools.map((t) => t.name).sort();
out.model = structured(await client.callTool({ name: "read_model", arguments: {} }));
for (const file of plan.findings) {
  const r = structured(await client.callTool({ name: "classify_findings", arguments: { file } }));
  out.classified[file] = r;
}
out.inline = structured(
  await client.callTool({ name: "classify_findings", arguments: { findings: plan.inline } }),
);
out.explained = structured(
  await client.callTool({
    name: "explain_finding",
    arguments: { file: plan.findings[0], finding: "#1" },
  }),
);
out.missing = structured(
  await client.callTool({ name: "classify_findings", arguments: { file: plan.bad } }),
);
out.both = structured(
  await client.callTool({
    name: "classify_findings",
    arguments: { file: plan.findings[0], findings: [] },
  }),
);
// Still serving after the errors.
out.toolsAfterErrors = (await client.listTools()).tools.length;
await client.close();
out.serverStderr = serverErr;
process.stdout.write(JSON.stringify(out));
