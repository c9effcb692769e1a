import StocktakeCLI

await StocktakeCommand.runFromCommandLine()
