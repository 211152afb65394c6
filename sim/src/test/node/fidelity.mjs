// Drives an official Anthropic TypeScript SDK against a running Mainstay simulator and prints one JSON line with
// what the SDK saw. Usage: node fidelity.mjs http://127.0.0.1:PORT [SDK package]
// The SDK package is '@anthropic-ai/sdk' (the pinned release) or 'sdk-latest' (the newest release, an npm alias);
// both are pinned in package.json and package-lock.json. SimulatorTypeScriptSdkTest starts the simulator, runs this
// script once per SDK and asserts on the result; the script itself only records, it asserts nothing.
const baseURL = process.argv[2];
const sdkPackage = process.argv[3] ?? '@anthropic-ai/sdk';
if (!baseURL) {
  console.error('usage: node fidelity.mjs <simulator base URL> [@anthropic-ai/sdk | sdk-latest]');
  process.exit(2);
}
const sdk = await import(sdkPackage);
const { betaTool } = await import(`${sdkPackage}/helpers/beta/json-schema`);
const { VERSION } = await import(`${sdkPackage}/version`);
const Anthropic = sdk.default;
const {
  APIError, AuthenticationError, BadRequestError, ContentTooLargeError, NotFoundError, OverloadedError,
  PermissionDeniedError, RateLimitError,
} = sdk;

const MODEL = 'claude-sonnet-4-6';
const KEY = 'sk-sim-not-a-secret';
const client = new Anthropic({ apiKey: KEY, baseURL, maxRetries: 0, timeout: 20_000 });
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
const timeTool = {
  name: 'get_time',
  description: 'The local time in a time zone.',
  input_schema: { type: 'object', properties: { zone: { type: 'string' } }, required: ['zone'] },
};
const weatherQuestion = [{ role: 'user', content: 'What is the weather in Lisbon?' }];

/** A client that records every request it sends: whether it carried `thread`, and the status it got. */
function recordingClient(options = {}) {
  const requests = [];
  const recordingFetch = async (url, init) => {
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : {};
    const response = await fetch(url, init);
    requests.push({
      status: response.status,
      thread: body.thread ?? null,
      messages: Array.isArray(body.messages) ? body.messages.length : 0,
      retryAfterMs: response.headers.get('retry-after-ms'),
      shouldRetry: response.headers.get('x-should-retry'),
    });
    return response;
  };
  return { requests, client: new Anthropic({ apiKey: KEY, baseURL, maxRetries: 0, timeout: 20_000, ...options, fetch: recordingFetch }) };
}

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
    isBadRequestError: error instanceof BadRequestError,
    isAuthenticationError: error instanceof AuthenticationError,
    isPermissionDeniedError: error instanceof PermissionDeniedError,
    isNotFoundError: error instanceof NotFoundError,
    isContentTooLargeError: error instanceof ContentTooLargeError,
    name: error?.constructor?.name ?? null,
    status: error?.status ?? null,
    type: error?.type ?? error?.error?.error?.type ?? null,
    apiMessage: error?.error?.error?.message ?? null,
    requestID: error?.requestID ?? null,
    retryAfter: error?.headers?.get?.('retry-after') ?? null,
    message: String(error?.message ?? error),
  };
}

async function check(body) {
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

function summary(message) {
  return {
    id: message.id,
    stopReason: message.stop_reason,
    stopSequence: message.stop_sequence ?? null,
    contentTypes: message.content.map((block) => block.type),
    text: message.content.filter((block) => block.type === 'text').map((block) => block.text).join(''),
    toolUses: message.content.filter((block) => block.type === 'tool_use').map((b) => ({ name: b.name, input: b.input })),
    thinking: message.content.find((block) => block.type === 'thinking')?.thinking ?? null,
    signature: message.content.find((block) => block.type === 'thinking')?.signature ?? null,
    outputTokens: message.usage.output_tokens,
  };
}

const weatherRunner = (ranWith) => betaTool({
  name: 'get_weather',
  description: 'Current weather and forecast for a place.',
  inputSchema: weatherTool.input_schema,
  run: async (input) => {
    ranWith.push(input);
    return `18 °C and sunny in ${input.location}`;
  },
});

const result = { sdkPackage, sdkVersion: VERSION };

result.nonStreaming = await check(async () => {
  const { data: message, response } = await client.messages
    .create({ model: MODEL, max_tokens: 256, messages: [{ role: 'user', content: 'Say hello.' }] })
    .withResponse();
  return {
    ...summary(message),
    type: message.type,
    role: message.role,
    model: message.model,
    inputTokens: message.usage.input_tokens,
    requestId: response.headers.get('request-id'),
  };
});

result.streaming = await check(async () => {
  const eventTypes = [];
  let streamedText = '';
  const stream = client.messages.stream({ model: MODEL, max_tokens: 512, tools: [weatherTool], messages: weatherQuestion });
  stream.on('streamEvent', (event) => eventTypes.push(event.type));
  stream.on('text', (delta) => { streamedText += delta; });
  const message = await stream.finalMessage();
  const toolUse = message.content.find((block) => block.type === 'tool_use');
  return { ...summary(message), streamedText, toolUseId: toolUse?.id ?? null, eventTypes };
});

// The tool runner threads by default: the simulator refuses `thread` with thread_unsupported_request, and the SDK
// sends the full conversation again without it.
result.toolRunner = await check(async () => {
  const { requests, client: recording } = recordingClient();
  const ranWith = [];
  const final = await recording.beta.messages.toolRunner({
    model: MODEL, max_tokens: 512, messages: weatherQuestion, tools: [weatherRunner(ranWith)],
  });
  return { ...summary(final), ranWith, requests };
});

result.toolRunnerStreaming = await check(async () => {
  const { requests, client: recording } = recordingClient();
  const ranWith = [];
  const runner = recording.beta.messages.toolRunner({
    model: MODEL, max_tokens: 512, messages: weatherQuestion, tools: [weatherRunner(ranWith)], stream: true,
  });
  const turns = [];
  for await (const stream of runner) {
    const eventTypes = [];
    for await (const event of stream) eventTypes.push(event.type);
    turns.push(eventTypes);
  }
  const final = await runner.done();
  return { ...summary(final), ranWith, requests, turns };
});

result.toolRunnerThinking = await check(async () => {
  const { requests, client: recording } = recordingClient();
  const ranWith = [];
  const final = await recording.beta.messages.toolRunner({
    model: MODEL, max_tokens: 2048, thinking: { type: 'enabled', budget_tokens: 1024 },
    messages: weatherQuestion, tools: [weatherRunner(ranWith)],
  });
  return { ...summary(final), ranWith, requests };
});

const toolChoice = async (choice) => check(async () => summary(await client.messages.create({
  model: MODEL, max_tokens: 512, tools: [weatherTool, timeTool], tool_choice: choice, messages: weatherQuestion,
})));
result.toolChoice = {
  auto: await toolChoice({ type: 'auto' }),
  any: await toolChoice({ type: 'any', disable_parallel_tool_use: true }),
  tool: await toolChoice({ type: 'tool', name: 'get_time' }),
  none: await toolChoice({ type: 'none' }),
  unknownTool: await expectError(() => client.messages.create({
    model: MODEL, max_tokens: 64, tools: [weatherTool], tool_choice: { type: 'tool', name: 'get_news' },
    messages: weatherQuestion,
  })),
};

result.stopSequences = await check(async () => {
  const params = { model: MODEL, max_tokens: 256, stop_sequences: ['few'], messages: [{ role: 'user', content: 'Say hello.' }] };
  const message = await client.messages.create(params);
  let streamedText = '';
  const stream = client.messages.stream(params);
  stream.on('text', (delta) => { streamedText += delta; });
  const streamed = await stream.finalMessage();
  return { json: summary(message), streamed: summary(streamed), streamedText };
});

result.thinking = await check(async () => {
  const params = {
    model: MODEL, max_tokens: 2048, thinking: { type: 'enabled', budget_tokens: 1024 }, tools: [weatherTool],
    messages: weatherQuestion,
  };
  const first = await client.messages.create(params);
  let streamedThinking = '';
  let streamedSignature = null;
  const stream = client.messages.stream(params);
  stream.on('thinking', (delta) => { streamedThinking += delta; });
  stream.on('signature', (signature) => { streamedSignature = signature; });
  const streamed = await stream.finalMessage();
  const toolUse = first.content.find((block) => block.type === 'tool_use');
  const answer = await client.messages.create({
    ...params,
    messages: [...weatherQuestion, { role: 'assistant', content: first.content },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: '18 °C and sunny' }] }],
  });
  const tampered = first.content.map((block) => (block.type === 'thinking' ? { ...block, thinking: 'Something else.' } : block));
  const refused = await expectError(() => client.messages.create({
    ...params,
    messages: [...weatherQuestion, { role: 'assistant', content: tampered },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: '18 °C and sunny' }] }],
  }));
  const budgetTooSmall = await expectError(() => client.messages.create({
    ...params, thinking: { type: 'enabled', budget_tokens: 100 },
  }));
  return { first: summary(first), streamed: summary(streamed), streamedThinking, streamedSignature,
    answer: summary(answer), refused, budgetTooSmall };
});

const hi = [{ role: 'user', content: 'hi' }];
const create = (target = client) => target.messages.create({ model: MODEL, max_tokens: 64, messages: hi });

await setFaults({ profile: 'outage' });
result.overloaded = await expectError(() => create());

await setFaults({ rate_429: 1.0, retry_after_ms: 7000 });
result.rateLimited = await expectError(() => create());

await setFaults({ mid_stream_overload_rate: 1.0 });
result.midStream = await expectError(async () => {
  const stream = client.messages.stream({ model: MODEL, max_tokens: 256, messages: [{ role: 'user', content: 'Tell me something.' }] });
  await stream.finalMessage();
});

result.faults = {};
for (const field of ['rate_400', 'rate_400_credit_balance', 'rate_401', 'rate_403', 'rate_404', 'rate_413', 'rate_429_usage_limit']) {
  await setFaults({ [field]: 1.0 });
  result.faults[field] = await expectError(() => create());
}

// retry-after-ms is honoured: one retry after 20 ms, then the SDK gives up.
await setFaults({ rate_429: 1.0, retry_after_ms: 20, retry_after_format: 'millis' });
result.retryAfterMs = await check(async () => {
  const { requests, client: recording } = recordingClient({ maxRetries: 1 });
  const error = await expectError(() => create(recording));
  return { error, requests };
});

// x-should-retry: false stops the SDK's own retries, even of a 529.
await setFaults({ rate_529: 1.0, x_should_retry: false });
result.shouldRetryFalse = await check(async () => {
  const { requests, client: recording } = recordingClient({ maxRetries: 2 });
  const error = await expectError(() => create(recording));
  return { error, requests };
});

await setFaults({ profile: 'none' });
console.log(JSON.stringify(result));
