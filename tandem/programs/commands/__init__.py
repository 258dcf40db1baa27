"""The subcommands of `tandem programs`, one module each: `add_arguments(parser)`, `HELP` and
`run(options, out)`, raising `BadInput` with one line per problem."""
