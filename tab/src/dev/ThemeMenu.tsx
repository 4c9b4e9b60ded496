import { Button, Menu, MenuItemRadio, MenuList, MenuPopover, MenuTrigger } from '@fluentui/react-components';
import { DarkThemeRegular } from '@fluentui/react-icons';
import { THEME_LABELS, THEME_NAMES, type ThemeName, isThemeName } from '../shared/theme';

export interface ThemeMenuProps {
  readonly theme: ThemeName;
  onChange(theme: ThemeName): void;
}

/** Development mode only: inside Teams the theme follows Teams. */
export function ThemeMenu({ theme, onChange }: ThemeMenuProps) {
  return (
    <Menu
      checkedValues={{ theme: [theme] }}
      onCheckedValueChange={(_e, data) => {
        const next = data.checkedItems[0];
        if (data.name === 'theme' && isThemeName(next)) onChange(next);
      }}
    >
      <MenuTrigger disableButtonEnhancement>
        <Button appearance="subtle" icon={<DarkThemeRegular />}>
          Theme: {THEME_LABELS[theme]}
        </Button>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          {THEME_NAMES.map((name) => (
            <MenuItemRadio key={name} name="theme" value={name}>
              {THEME_LABELS[name]}
            </MenuItemRadio>
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
