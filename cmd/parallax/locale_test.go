package main

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestNoLocaleErrorUnderCLocale runs commands under the C locales of
// containers and CI: nothing may be logged about the locale, and a child
// process still sees the environment as given (no LANGUAGE added).
func TestNoLocaleErrorUnderCLocale(t *testing.T) {
	bin, err := cliBinary()
	if err != nil {
		t.Fatal(err)
	}
	for _, env := range []string{"LANG=C.UTF-8", "LC_ALL=C.UTF-8", "LANG=POSIX.UTF-8", "LANG=C"} {
		t.Run(env, func(t *testing.T) {
			cmd := exec.Command(bin, "help")
			var keep []string
			for _, kv := range os.Environ() {
				if !strings.HasPrefix(kv, "LANG=") && !strings.HasPrefix(kv, "LC_") && !strings.HasPrefix(kv, "LANGUAGE=") {
					keep = append(keep, kv)
				}
			}
			cmd.Env = append(keep, env)
			var out, errb bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &errb
			if err := cmd.Run(); err != nil {
				t.Fatalf("help: %v\n%s", err, errb.String())
			}
			if errb.Len() != 0 {
				t.Errorf("help under %s logged:\n%s", env, errb.String())
			}
		})
	}
}
