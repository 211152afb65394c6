// Drives the official Anthropic TypeScript SDK against a running Mainstay simulator and prints one JSON line with
// what the SDK saw. Usage: node fidelity.mjs http://127.0.0.1:PORT
// The Java test SimulatorTypeScriptSdkTest starts the simulator, runs this script and asserts on the result.
import Anthropic, { APIError, OverloadedError, RateLimitError } from '@anthropic-ai/sdk';

const baseURL = process.argv[2];
if (!baseURL) {
  console.error('usage: node fidelity.mjs <simulator base URL>');
  process.exit(2);
}
const MODEL = 'claude-sonnet-4-5';
const client = new Anthropic({ apiKey: 'sk-sim-not-a-secret', baseURL, maxRetries: 0, timeout: 20_000 });
const weatherTool = {
  name: 'get_weather',
  description: 'Current weather and forecast for a place.',
  input_schema: {
    type: 'object',
    additionalProperties: false,
    properties: { location: { type: 'string' }, days: { type: 'integer' } },
    required: ['location'],
  },
};

async function setFaults(profile) {
  const response = await fetch(new URL('/admin/faults', baseURL), {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(profile),
  });
  if (!response.ok) throw new Error(`PUT /admin/faults answered ${response.status}: ${await response.text()}`);
}

function describeError(error) {
  return {
    isAPIError: error instanceof APIError,
    isOverloadedError: error instanceof OverloadedError,
    isRateLimitError: error instanceof RateLimitError,
    name: error?.constructor?.name ?? null,
    status: error?.status ?? null,
    type: error?.type ?? null,
    requestID: error?.requestID ?? null,
    retryAfter: error?.headers?.get?.('retry-after') ?? null,
    message: String(error?.message ?? error),
  };
}

async function check(name, body) {
  try {
    return await body();
  } catch (error) {
    return { unexpectedError: describeError(error), stack: String(error?.stack ?? '') };
  }
}

async function expectError(body) {
  try {
    await body();
    return { threw: false };
  } catch (error) {
    return { threw: true, ...describeError(error) };
  }
}

const result = {};

result.nonStreaming = await check('nonStreaming', async () => {
  const { data: message, response } = await client.messages
    .create({ model: MODEL, max_tokens: 256, messages: [{ role: 'user', content: 'Say hello.' }] })
    .withResponse();
  return {
    id: message.id,
    type: message.type,
    role: message.role,
    model: message.model,
    stopReason: message.stop_reason,
    contentTypes: message.content.map((block) => block.type),
    text: message.content.filter((block) => block.type === 'text').map((block) => block.text).join(''),
    inputTokens: message.usage.input_tokens,
    outputTokens: message.usage.output_tokens,
    requestId: response.headers.get('request-id'),
  };
});

result.streaming = await check('streaming', async () => {
  const eventTypes = [];
  let streamedText = '';
  const stream = client.messages.stream({
    model: MODEL,
    max_tokens: 512,
    tools: [weatherTool],
    messages: [{ role: 'user', content: 'What is the weather in Lisbon?' }],
  });
  stream.on('streamEvent', (event) => eventTypes.push(event.type));
  stream.on('text', (delta) => { streamedText += delta; });
  const message = await stream.finalMessage();
  const toolUse = message.content.find((block) => block.type === 'tool_use');
  return {
    id: message.id,
    stopReason: message.stop_reason,
    contentTypes: message.content.map((block) => block.type),
    streamedText,
    toolUseId: toolUse?.id ?? null,
    toolName: toolUse?.name ?? null,
    toolInput: toolUse?.input ?? null,
    outputTokens: message.usage.output_tokens,
    eventTypes,
  };
});

await setFaults({ profile: 'outage' });
result.overloaded = await expectError(() =>
  client.messages.create({ model: MODEL, max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] }));

await setFaults({ rate_429: 1.0, retry_after_ms: 7000 });
result.rateLimited = await expectError(() =>
  client.messages.create({ model: MODEL, max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] }));

await setFaults({ mid_stream_overload_rate: 1.0 });
result.midStream = await expectError(async () => {
  const stream = client.messages.stream({
    model: MODEL, max_tokens: 256, messages: [{ role: 'user', content: 'Tell me something.' }],
  });
  await stream.finalMessage();
});

await setFaults({ profile: 'none' });
console.log(JSON.stringify(result));
