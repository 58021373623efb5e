// Imported first by the entry points (main.ts, bench.ts), before anything loads graphql:
// graphql-js reads NODE_ENV once, at load, and outside production it runs development checks
// (instanceOf) that cost about a fifth of a request's execution time. An explicit NODE_ENV wins.
process.env.NODE_ENV ??= "production";
