package ui

import (
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
)

// filesWithExt lists the files among paths (folders walked, hidden ones
// skipped as Walk skips them) whose extension is one of exts.
func filesWithExt(paths []string, exts []string) []string {
	var out []string
	for _, p := range paths {
		_ = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if path != p && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.IsDir() && slices.Contains(exts, strings.ToLower(filepath.Ext(path))) {
				out = append(out, path)
			}
			return nil
		})
	}
	return out
}
