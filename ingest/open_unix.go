//go:build unix

package ingest

import (
	"io"
	"os"
	"syscall"
)

// openInput opens a file to read one input. It bypasses os.File: opening
// a regular file as an *os.File costs four fcntl calls and a failed
// registration with the network poller, more system calls than reading a
// small article takes. Errors read as os.Open's and os.File.Read's do.
func openInput(path string) (io.ReadCloser, error) {
	for {
		fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &os.PathError{Op: "open", Path: path, Err: err}
		}
		return &inputFile{fd: fd, path: path}, nil
	}
}

// inputFile is a file descriptor read with plain system calls.
type inputFile struct {
	fd   int
	path string
}

// maxRead bounds one read, as os.File does (some systems refuse more).
const maxRead = 1 << 30

func (f *inputFile) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if len(p) > maxRead {
		p = p[:maxRead]
	}
	for {
		n, err := syscall.Read(f.fd, p)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return 0, &os.PathError{Op: "read", Path: f.path, Err: err}
		}
		if n == 0 {
			return 0, io.EOF
		}
		return n, nil
	}
}

func (f *inputFile) Close() error {
	return syscall.Close(f.fd)
}
