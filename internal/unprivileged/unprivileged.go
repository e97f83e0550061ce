// Package unprivileged runs a test as an ordinary user. File modes do not
// stop root, so a test of what a user who cannot write a file sees must,
// under root (as in CI containers), run as someone else.
package unprivileged

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

const env = "PARALLAX_TEST_UNPRIVILEGED"

// Run runs the calling test as an ordinary user: under root the test
// binary is copied where nobody can run it and re-run as nobody (uid
// 65534) for this test alone, with its own TMPDIR and HOME, and only that
// child runs the body. It reports whether the caller should run the body
// itself (it is not root, or it is the child).
func Run(t *testing.T) bool {
	t.Helper()
	if os.Getuid() != 0 {
		return true
	}
	if os.Getenv(env) != "" {
		t.Fatal("still root after dropping privileges")
	}
	dir := t.TempDir()
	os.Chmod(filepath.Dir(dir), 0o755) // the test's own temporary folder
	os.Chmod(dir, 0o777)               // the child's TMPDIR
	bin := filepath.Join(dir, filepath.Base(os.Args[0]))
	src, err := os.Open(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := os.OpenFile(bin, os.O_CREATE|os.O_WRONLY, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	dst.Close()
	cmd := exec.Command(bin, "-test.run=^"+t.Name()+"$", "-test.v")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env+"=1", "TMPDIR="+dir, "HOME="+dir)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS") {
		t.Fatalf("as nobody: %v\n%s", err, out)
	}
	return false
}
