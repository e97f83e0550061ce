package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
)

// command is one subcommand: run gets the arguments after its name and
// returns the process exit status.
type command struct {
	summary string
	run     func(args []string) int
}

// commands is filled here, in one place, so the list in "help" is complete.
var commands map[string]command

func init() {
	commands = map[string]command{
		"gui":     {"open the window (the default with no arguments)", runGUI},
		"import":  {"import files, folders, URLs or - (stdin) into the library", runImport},
		"stories": {"list stories (merge|split|move change them)", runStories},
		"show":    {"print an article with its paragraph kinds", runShow},
		"search":  {"full-text search over the library", runSearch},
		"compare": {"align versions (files or article ids) and flag discrepancies", runCompare},
		"report":  {"export a story's annotated report", runReport},
		"feeds":   {"manage feed subscriptions", runFeeds},
		"demo":    {"load the demo library", runDemo},
		"help":    {"show this list", runHelp},
	}
}

func runHelp(args []string) int {
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	fmt.Println("usage: parallax [COMMAND] [--db PATH] ...")
	fmt.Println("With no command, opens the window.")
	for _, n := range names {
		fmt.Printf("  %-8s %s\n", n, commands[n].summary)
	}
	return 0
}

// newFlagSet makes a subcommand's flag set with the --db flag every
// subcommand takes.
func newFlagSet(name string) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet("parallax "+name, flag.ContinueOnError)
	fs.SetOutput(os.Stderr)
	db := fs.String("db", "", "library file (default: $PARALLAX_DB or the user data directory)")
	return fs, db
}

// parseFlags parses args, allowing flags after positional arguments
// ("parallax import a.txt --story X"), which the standard package does not.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "-" || args[0] == "--" {
			if args[0] == "--" {
				return append(pos, args[1:]...), nil
			}
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// fail prints a one-line error for the subcommand and returns status 1.
func fail(w io.Writer, name string, err error) int {
	fmt.Fprintf(w, "parallax %s: %s\n", name, safeLine(err.Error()))
	return 1
}
