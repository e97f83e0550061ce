// Package clocale keeps Fyne from logging "Error parsing user locale C" at
// start-up when the process runs under the C locale with a character set
// (LANG=C.UTF-8, usual in containers and CI): Fyne reads the language from
// the environment while its packages initialise, and "C" is not a
// language. Importing this package from main is enough: Go initialises
// packages in import-path order among those whose imports are ready, and
// this one needs only os, so it runs before Fyne's language package (which
// needs golang.org/x/text and more). It sets LANGUAGE=en for that moment;
// Restore puts the environment back.
package clocale

import (
	"os"
	"strings"
)

// set is true when init set LANGUAGE.
var set bool

func init() {
	if _, ok := os.LookupEnv("LANGUAGE"); ok {
		return
	}
	var loc string
	for _, env := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if loc = os.Getenv(env); loc != "" {
			break
		}
	}
	// Plain "C" and "POSIX" Fyne already reads as English.
	if strings.HasPrefix(loc, "C.") || strings.HasPrefix(loc, "POSIX.") {
		set = os.Setenv("LANGUAGE", "en") == nil
	}
}

// Restore removes the LANGUAGE setting init made, so that commands run by
// the process see the environment it was given.
func Restore() {
	if set {
		os.Unsetenv("LANGUAGE")
		set = false
	}
}
