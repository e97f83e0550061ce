package ui

import (
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
)

// filesWithExt lists the files among paths whose extension is one of exts.
func filesWithExt(paths []string, exts []string) []string {
	return inputFiles(paths, func(path string) bool {
		return slices.Contains(exts, strings.ToLower(filepath.Ext(path)))
	})
}

// inputFiles lists the files among paths that keep accepts (all when keep is
// nil), folders walked and hidden entries skipped as ingest.Walk skips them.
func inputFiles(paths []string, keep func(path string) bool) []string {
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
			if !d.IsDir() && (keep == nil || keep(path)) {
				out = append(out, path)
			}
			return nil
		})
	}
	return out
}
