"""What the rehearsal's moto launcher adds around moto: TLS, call recording, principals, IAM evaluation."""
