from vault_lint.cli import main

raise SystemExit(main())
