package deploy

import (
	"net"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

func Dial(addr, password string) (*ssh.Client, error) {
	cfg := &ssh.ClientConfig{
		User: "deploy",
		Auth: []ssh.AuthMethod{ssh.Password(password)},
		// ruleid: go-ssh-insecure-host-key
		HostKeyCallback: ssh.InsecureIgnoreHostKey(),
	}
	return ssh.Dial("tcp", addr, cfg)
}

func DialChecked(addr, password string) (*ssh.Client, error) {
	callback, err := knownhosts.New("/etc/ssh/ssh_known_hosts")
	if err != nil {
		return nil, err
	}
	cfg := &ssh.ClientConfig{
		User: "deploy",
		Auth: []ssh.AuthMethod{ssh.Password(password)},
		// ok: go-ssh-insecure-host-key
		HostKeyCallback: callback,
	}
	return ssh.Dial("tcp", addr, cfg)
}

func DialAnything(addr string, auth ssh.AuthMethod) (*ssh.Client, error) {
	cfg := &ssh.ClientConfig{
		User: "deploy",
		Auth: []ssh.AuthMethod{auth},
		// ruleid: go-ssh-insecure-host-key
		HostKeyCallback: func(hostname string, remote net.Addr, key ssh.PublicKey) error {
			return nil
		},
	}
	return ssh.Dial("tcp", addr, cfg)
}
